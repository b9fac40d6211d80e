"""Back office: moderation (URLs included by backoffice/urls.py)."""
