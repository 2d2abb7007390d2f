"""Qt widgets: tray, overlay, windows; the only package that imports QtWidgets."""
