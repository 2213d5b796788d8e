#!/usr/bin/env python3
"""A minimal SMTP server for the fault run: accepts every message and appends one JSON line per message to a file.

    smtp_sink.py PORT FILE

Each line is {"emailId": X-Commerce-Suite-Email-Id, "to": [...], "subject": ..., "at": unix seconds}. The file is
appended to, never truncated, so a sink that is stopped and started again (the fault run stops SMTP for 30 s) keeps
the count of everything it received: an email delivered twice shows as two lines with one id.
"""
import json
import socketserver
import sys
import threading
import time
from email.parser import BytesHeaderParser

LOCK = threading.Lock()


class Session(socketserver.StreamRequestHandler):
    timeout = 60

    def reply(self, line):
        self.wfile.write((line + "\r\n").encode("ascii"))
        self.wfile.flush()

    def handle(self):
        self.reply("220 fault-run sink ESMTP")
        recipients = []
        while True:
            line = self.rfile.readline(65536)
            if not line:
                return
            command = line.decode("latin-1").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.wfile.write(b"250-fault-run sink\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n")
                self.wfile.flush()
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command[8:].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                data = bytearray()
                while True:
                    chunk = self.rfile.readline(1 << 20)
                    if not chunk or chunk in (b".\r\n", b".\n"):
                        break
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                headers = BytesHeaderParser().parsebytes(bytes(data))
                record = {"emailId": headers.get("X-Commerce-Suite-Email-Id"), "to": recipients,
                          "subject": headers.get("Subject"), "at": time.time()}
                with LOCK, open(self.server.log, "a", encoding="utf-8") as out:
                    out.write(json.dumps(record) + "\n")
                self.reply("250 OK queued")
            elif verb == "RSET":
                recipients = []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    server = Server(("127.0.0.1", int(sys.argv[1])), Session)
    server.log = sys.argv[2]
    server.serve_forever()
