"""Open formats out of a portfolio: LEAP2A for Mahara (``leap2a``), and a JSON dump of every
table (``dump``) for anyone who wants their data without the app."""
