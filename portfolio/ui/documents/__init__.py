"""The Documents page: attachments of the open portfolio."""
