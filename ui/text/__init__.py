"""Text catalogs: one module per page, each with an EN and a ZH dict holding the same keys."""
