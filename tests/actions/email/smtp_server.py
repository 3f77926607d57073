#!/usr/bin/python3
"""SMTP server for the email action tests (aiosmtpd; run with /usr/bin/python3).

Prints the bound port on the first line of stdout, then serves until killed. With --outdir,
each accepted message is saved as NNNNNN.eml plus NNNNNN.json ({"mail_from", "rcpt_tos",
"tls", "authenticated", "connection", "pipelined"}); the .json appears last and atomically, so
a test can wait for it. "connection" numbers the TCP connections from 1, which lets a test
count them; "pipelined" says whether DATA had already arrived when MAIL FROM was handled.

Options:
  --port N               0 = any free port (the default)
  --outdir DIR           where to save messages
  --tls CERT KEY         offer STARTTLS with this certificate
  --implicit-tls         with --tls: TLS from the first byte (smtps) instead of STARTTLS
  --auth USER:PASS       offer AUTH PLAIN and LOGIN (also without TLS) and require it
  --mode ok|tempfail-once|reject|drop-at-starttls|stall-after-data
                         tempfail-once: 451 to the first DATA, then 250; reject: 550 to DATA;
                         stall-after-data: reads a message and never answers its end;
                         drop-at-starttls (with --tls): answers STARTTLS with 220, reads the
                         client's first handshake bytes and closes the connection, as a server
                         restarting mid-handshake would
  --pipelining           advertise PIPELINING (RFC 2920) in the EHLO reply
  --reject-rcpt ADDR     answer 550 to RCPT TO:<ADDR>
"""
import argparse
import asyncio
import json
import os
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

# Poco (and most clients) expect these challenge texts for AUTH LOGIN.
SMTP.AuthLoginUsernameChallenge = "Username:"
SMTP.AuthLoginPasswordChallenge = "Password:"


class Handler:
    def __init__(self, outdir, mode, pipelining, reject_rcpt):
        self.outdir = outdir
        self.mode = mode
        self.pipelining = pipelining
        self.reject_rcpt = reject_rcpt
        self.saved = 0
        self.data_calls = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        # aiosmtpd reads line by line: a pipelining client's DATA is already buffered here.
        session.pipelined = b"DATA\r\n" in bytes(server._reader._buffer)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.reject_rcpt:
            return "550 5.1.1 <%s>: Recipient address rejected" % address
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_calls += 1
        if self.mode == "tempfail-once" and self.data_calls == 1:
            return "451 4.3.0 Temporary local problem, try again later"
        if self.mode == "reject":
            return "550 5.7.1 Message rejected by policy"
        if self.mode == "stall-after-data":
            await asyncio.sleep(3600)
        self.saved += 1
        if self.outdir:
            self.save(server, session, envelope)
        return "250 2.0.0 OK queued as %06d" % self.saved

    def save(self, server, session, envelope):
        stem = os.path.join(self.outdir, "%06d" % self.saved)
        with open(stem + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            # session.ssl is only set by STARTTLS; implicit TLS shows on the transport.
            "tls": bool(session.ssl) or server.transport.get_extra_info("ssl_object") is not None,
            "authenticated": bool(session.authenticated),
            "connection": server.connection_number,
            "pipelined": getattr(session, "pipelined", False),
        }
        with open(stem + ".json.tmp", "w") as f:
            json.dump(meta, f)
        os.rename(stem + ".json.tmp", stem + ".json")


class DropAtStarttls(SMTP):
    async def smtp_STARTTLS(self, arg):
        await self.push("220 Ready to start TLS")
        # Read the ClientHello first: closing with unread data would send a reset instead of
        # the orderly close a restarting server's kernel sends.
        await self._reader.read(65536)
        self.transport.close()


def make_authenticator(credentials):
    user, password = credentials.split(":", 1)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
              and auth_data.password == password.encode())
        # handled=False: aiosmtpd sends the 535 reply itself (the default sends nothing).
        return AuthResult(success=ok, handled=False)

    return authenticate


async def serve(args):
    handler = Handler(args.outdir, args.mode, args.pipelining, args.reject_rcpt)
    tls_context = None
    if args.tls:
        tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls_context.load_cert_chain(args.tls[0], args.tls[1])
    warnings.simplefilter("ignore")  # aiosmtpd warns about AUTH without TLS, which tests use
    kwargs = {"hostname": "localhost", "auth_require_tls": False}
    if args.auth:
        kwargs["authenticator"] = make_authenticator(args.auth)
        kwargs["auth_required"] = True
    if tls_context and not args.implicit_tls:
        kwargs["tls_context"] = tls_context
    connections = 0

    def factory():
        nonlocal connections
        connections += 1
        smtp = (DropAtStarttls if args.mode == "drop-at-starttls" else SMTP)(handler, **kwargs)
        smtp.connection_number = connections
        return smtp

    server = await asyncio.get_running_loop().create_server(
        factory, "127.0.0.1", args.port, ssl=tls_context if args.implicit_tls else None)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--outdir")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth")
    parser.add_argument("--mode", choices=["ok", "tempfail-once", "reject", "drop-at-starttls", "stall-after-data"], default="ok")
    parser.add_argument("--pipelining", action="store_true")
    parser.add_argument("--reject-rcpt")
    args = parser.parse_args()
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
