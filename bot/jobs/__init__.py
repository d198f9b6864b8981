"""What the scheduler runs: weekly digests and the yearly follow-up, each read as fetch → core → blocks → deliver."""
