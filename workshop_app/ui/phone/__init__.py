"""Phone voting: a small web server inside the app that serves the voting page on the venue's own network."""
