"""The plan year as plain functions: no Slack client, database session or clock inside."""
