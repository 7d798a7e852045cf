"""Review mode widgets: reviewer identity, feedback threads, the group overview and the idle lock.

The main window hosts them; each takes the controller (or nothing) and talks through signals.
"""
