"""Entry point: routes to the pages and holds the language switch."""
from ui import entry

entry.start().run()
