"""The crash-safe workshop file: snapshot + journal storage, atomic writes, the write lock,
schema versions and migrations, backups and restore."""
