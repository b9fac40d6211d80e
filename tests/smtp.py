"""A real SMTP server for the tests: aiosmtpd in a thread, on a free local port.

The `smtp_server` fixture starts it and points EMAIL_BACKEND to Django's SMTP backend on it for
the test. Received messages are parsed `email.message.EmailMessage` objects in
`smtp_server.messages`. `smtp_server.refuse(address, "550 ...")` answers RCPT TO for that address
with the given reply; `smtp_server.stall_after(n)` accepts n messages, then records the next
ones but holds their reply until `smtp_server.release()`.
"""

import asyncio
import email
import email.policy
import logging
import socket
import threading

import pytest
from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPSink:
    def __init__(self):
        self.messages = []
        self.refusals = {}
        self.data_replies = {}
        self._stall_after = None
        self._lock = threading.Lock()
        self.stalled = threading.Event()
        self._released = threading.Event()

    # Configuration, from the test thread.
    def refuse(self, address, reply):
        """Answer RCPT TO <address> with `reply` (e.g. "550 5.1.1 No such user")."""
        self.refusals[address.lower()] = reply

    def refuse_data(self, address, reply):
        """Accept RCPT TO <address> but answer its DATA with `reply`."""
        self.data_replies[address.lower()] = reply

    def stall_after(self, count):
        self._stall_after = count
        self._released.clear()
        self.stalled.clear()

    def release(self):
        self._stall_after = None
        self._released.set()

    def recipients(self):
        return [address for message in self.messages for address in message.get_all("To", [])]

    # aiosmtpd handler hooks, in the server thread.
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.refusals.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            reply = self.data_replies.get(address.lower())
            if reply:
                return reply
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            stall = self._stall_after is not None and len(self.messages) >= self._stall_after
            self.messages.append(message)
        if stall:
            # The message is stored, as by a server whose reply is lost: the sender cannot know.
            self.stalled.set()
            while not self._released.is_set():
                await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self):
        self.sink = SMTPSink()
        self.host = "127.0.0.1"
        self.port = free_port()
        self.controller = Controller(self.sink, hostname=self.host, port=self.port)

    def __getattr__(self, name):
        return getattr(self.sink, name)

    def start(self):
        self.controller.start()

    def stop(self):
        self.sink.release()
        self.controller.stop()


@pytest.fixture
def smtp_server(settings):
    log = logging.getLogger("mail.log")  # aiosmtpd logs every SMTP command at INFO
    log_level = log.level
    log.setLevel(logging.WARNING)
    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()
    log.setLevel(log_level)
