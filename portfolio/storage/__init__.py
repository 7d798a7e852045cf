"""The *.portfolio file: SQLite used as an application file format, through SQLAlchemy 2.x."""
