"""The overview page: coverage per qualification and unit, the evidence matrix and the gaps."""
