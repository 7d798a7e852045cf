"""Charts drawn with QtCharts."""
