"""The Qualification page: browse units, outcomes and criteria with their guidance."""
