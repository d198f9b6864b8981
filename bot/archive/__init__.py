"""The archive package: made from the database (`package`), and checked again from a folder or a zip (`verify`)."""
