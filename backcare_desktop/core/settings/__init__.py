"""The person's settings: declared, validated, versioned and migrated."""
