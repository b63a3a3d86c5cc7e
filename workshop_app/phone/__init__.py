"""Phone voting's web server (aiohttp, no Qt): requests from phones in, core operations out, views pushed back."""
