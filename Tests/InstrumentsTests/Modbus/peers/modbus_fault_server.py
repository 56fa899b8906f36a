"""A Modbus TCP server that misbehaves on purpose, for cyclerd's fault tests.

    modbus_fault_server.py MODE   # prints "ready PORT" (a free loopback port)

After reading each request it:
  silent     never answers (the client must time out)
  garbage    answers with bytes that are not a Modbus response
  truncated  sends the first 9 bytes of a valid response, then nothing
  hangup     closes the connection (a device that vanishes mid-stream)
"""

import socket
import sys
import threading

MODES = ("silent", "garbage", "truncated", "hangup")


def respond(connection, mode):
    with connection:
        while True:
            request = connection.recv(260)
            if not request:
                return
            if mode == "hangup":
                return
            if mode == "garbage":
                connection.sendall(b"\xde\xad\xbe\xef HELLO, this is not Modbus \r\n" * 4)
            elif mode == "truncated" and len(request) >= 12:
                count = int.from_bytes(request[10:12], "big")
                length = 3 + 2 * count
                # Transaction and protocol id echoed, the full length announced, half the data sent.
                header = request[0:4] + length.to_bytes(2, "big") + request[6:8] + bytes([2 * count])
                connection.sendall(header)


def main():
    mode = sys.argv[1] if len(sys.argv) == 2 else ""
    if mode not in MODES:
        sys.exit(f"usage: modbus_fault_server.py {{{'|'.join(MODES)}}}")
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    print(f"ready {listener.getsockname()[1]}", flush=True)
    while True:
        connection, _ = listener.accept()
        threading.Thread(target=respond, args=(connection, mode), daemon=True).start()


if __name__ == "__main__":
    main()
