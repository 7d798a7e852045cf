"""The Entries page: the list of entries, its model, filters and search."""
