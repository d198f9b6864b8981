"""The plan year as plain functions: dates and weeks, command parsing, texts, digest and report
content, follow-up rules. No Slack client, no database session, no clock inside."""
