import hashlib
import json


def definition_hash(definition):
    """A stable fingerprint of a definition: same content, same hash, whatever the key order."""
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
