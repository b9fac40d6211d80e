"""Back office: alerts (URLs included by backoffice/urls.py)."""
