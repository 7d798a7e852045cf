"""The parts of the submission PDF, each a function from the build context to flowables."""
