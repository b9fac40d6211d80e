from .models import Event


def event_record(*, verb, actor=None, obj=None, object_type="", object_id="", data=None):
    """Append one event to the audit log, inside the transaction of the change it records."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return Event.objects.create(
        verb=verb,
        actor=actor if actor is not None and actor.is_authenticated else None,
        object_type=object_type,
        object_id=str(object_id),
        data=data or {},
    )
