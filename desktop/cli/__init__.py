"""The command-line interface: analyze, listen, devices, bench."""
