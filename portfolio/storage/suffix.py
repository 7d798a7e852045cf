"""The file name ending of a portfolio file, in a module of its own.

Code that only names files (the app's open and save dialogs, the first frame's plain read) needs
it without ``storage.file``, which imports SQLAlchemy (about 0.3 s of start-up, issue #17).
"""

SUFFIX = ".portfolio"
