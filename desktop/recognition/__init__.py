"""Speech recognition with vosk: model discovery and verification, streaming words with times."""
