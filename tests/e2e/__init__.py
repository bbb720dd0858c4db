"""End-to-end tests: the web client in Debian Chromium against the real server."""
