"""A loopback TCP proxy the test controls: cut every connection after n bytes.

``with TcpProxy(("127.0.0.1", upstream_port)) as proxy:`` listens on ``proxy.port`` and
forwards each connection to the upstream. ``proxy.cut_after(n)`` makes the next connections
close (both sides, RST) once n bytes went through them in either direction — a network that
drops in the middle of a TLS handshake, a batch or its acknowledgement. ``cut_after(None)``
lets everything through again. ``proxy.cut_now()`` drops every open connection.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import struct
import threading
from types import TracebackType


class TcpProxy:
    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port: int = self._listener.getsockname()[1]
        self._limit: int | None = None
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self.connections = 0
        self.cuts = 0
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    def cut_after(self, limit: int | None) -> None:
        with self._lock:
            self._limit = limit

    def cut_now(self) -> None:
        with self._lock:
            sockets = list(self._open)
        for sock in sockets:
            _abort(sock)

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                _abort(client)
                continue
            with self._lock:
                limit = self._limit
                self._open.update((client, server))
                self.connections += 1
            thread = threading.Thread(target=self._pump, args=(client, server, limit), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _pump(self, client: socket.socket, server: socket.socket, limit: int | None) -> None:
        passed = 0
        selector = selectors.DefaultSelector()
        peer = {client: server, server: client}
        try:
            for sock in (client, server):
                sock.setblocking(False)
                selector.register(sock, selectors.EVENT_READ)
            while not self._stopping.is_set():
                for key, _ in selector.select(timeout=0.2):
                    source: socket.socket = key.fileobj  # type: ignore[assignment]
                    data = source.recv(65536)
                    if not data:
                        return
                    if limit is not None and passed + len(data) >= limit:
                        allowed = data[: max(limit - passed, 0)]
                        if allowed:
                            peer[source].setblocking(True)
                            peer[source].sendall(allowed)
                        with self._lock:
                            self.cuts += 1
                        return
                    passed += len(data)
                    peer[source].setblocking(True)
                    peer[source].sendall(data)
                    peer[source].setblocking(False)
        except OSError:
            return
        finally:
            selector.close()
            for sock in (client, server):
                _abort(sock)
                with self._lock:
                    self._open.discard(sock)

    def stop(self) -> None:
        self._stopping.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        self.cut_now()
        self._acceptor.join(timeout=2)
        for thread in self._threads:
            thread.join(timeout=2)

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _abort(sock: socket.socket) -> None:
    """Close with a reset (SO_LINGER 0), as a dropped network looks to both ends."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()
