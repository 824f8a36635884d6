"""A signal dispatcher whose receivers are held weakly and forgotten when they die.

The Python original of examples/signal-dispatcher.ts (docs/porting-guide.md, "A worked port: a
signal dispatcher"): the essentials of Django's django/dispatch/dispatcher.py. Run it with
`python3 examples/signal-dispatcher.py`; the TypeScript port prints the same lines.
"""
import gc
import weakref


# region dispatcher
def _make_id(target):
    if hasattr(target, "__func__"):
        return (id(target.__self__), id(target.__func__))
    return id(target)


NONE_ID = _make_id(None)


class Signal:
    """Calls its receivers on send(); holds them weakly unless told otherwise."""

    def __init__(self):
        self.receivers = []  # [((receiver id or dispatch_uid, sender id), receiver or ref)]
        self._dead_receivers = False

    def connect(self, receiver, sender=None, weak=True, dispatch_uid=None):
        if dispatch_uid:
            lookup_key = (dispatch_uid, _make_id(sender))
        else:
            lookup_key = (_make_id(receiver), _make_id(sender))
        if weak:
            ref = weakref.ref
            # A bound method is made anew at each obj.meth: only WeakMethod can hold it weakly.
            if hasattr(receiver, "__self__") and hasattr(receiver, "__func__"):
                ref = weakref.WeakMethod
            receiver = ref(receiver, self._remove_receiver)
        self._clear_dead_receivers()
        if not any(r_key == lookup_key for r_key, _ in self.receivers):
            self.receivers.append((lookup_key, receiver))

    def disconnect(self, receiver=None, sender=None, dispatch_uid=None):
        if dispatch_uid:
            lookup_key = (dispatch_uid, _make_id(sender))
        else:
            lookup_key = (_make_id(receiver), _make_id(sender))
        self._clear_dead_receivers()
        for index, (r_key, _) in enumerate(self.receivers):
            if r_key == lookup_key:
                del self.receivers[index]
                return True
        return False

    def has_listeners(self, sender=None):
        return bool(self._live_receivers(sender))

    def send(self, sender, **named):
        return [
            (receiver, receiver(signal=self, sender=sender, **named))
            for receiver in self._live_receivers(sender)
        ]

    def _remove_receiver(self, reference):
        # Called during garbage collection: only raise a flag; the next connect(), disconnect() or
        # send() removes the dead entries.
        self._dead_receivers = True

    def _clear_dead_receivers(self):
        if self._dead_receivers:
            self._dead_receivers = False
            self.receivers = [
                (r_key, r)
                for r_key, r in self.receivers
                if not (isinstance(r, weakref.ReferenceType) and r() is None)
            ]

    def _live_receivers(self, sender):
        self._clear_dead_receivers()
        senderkey = _make_id(sender)
        receivers = []
        for (_, r_senderkey), receiver in self.receivers:
            if r_senderkey == NONE_ID or r_senderkey == senderkey:
                if isinstance(receiver, weakref.ReferenceType):
                    receiver = receiver()  # dereference the weak reference
                    if receiver is None:
                        continue
                receivers.append(receiver)
        return receivers
# endregion dispatcher


# region script
class Model:
    def __init__(self, title):
        self.title = title


class Article(Model):
    pass


class Comment(Model):
    pass


class Auditor:
    def __init__(self, name):
        self.name = name

    def on_save(self, sender, instance, **kwargs):
        return f"{self.name} saw {instance.title}"


def log_save(sender, instance, **kwargs):
    return f"log: {instance.title}"


post_save = Signal()


def save(instance):
    responses = post_save.send(sender=type(instance), instance=instance)
    print(f"save {type(instance).__name__}: " + ", ".join(r for _, r in responses))


def connect_temporary():
    def on_save(sender, instance, **kwargs):  # a local function, like a test's receiver
        return "temporary"

    post_save.connect(on_save)
    save(Article("drafts"))


post_save.connect(log_save)
post_save.connect(log_save)  # the same key: connected once
auditor = Auditor("auditor")
post_save.connect(auditor.on_save, sender=Article)  # a bound method, for articles only
post_save.connect(lambda sender, **kwargs: "counted", weak=False, dispatch_uid="counter")
print(f"receivers: {len(post_save.receivers)}")
save(Article("weak references"))
save(Comment("nice post"))

connect_temporary()  # CPython frees on_save as the function returns
gc.collect()
print(f"receivers: {len(post_save.receivers)} (one dead, removed by the next send)")
save(Article("again"))
print(f"receivers: {len(post_save.receivers)}")

del auditor  # CPython frees it here; its bound method's receiver dies with it
gc.collect()
save(Article("unaudited"))

print(f"disconnect log: {post_save.disconnect(log_save)}, again: {post_save.disconnect(log_save)}")
print(f"disconnect 'counter': {post_save.disconnect(dispatch_uid='counter')}")
print(f"has listeners: {post_save.has_listeners()}, receivers: {len(post_save.receivers)}")
# endregion script
