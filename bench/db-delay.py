#!/usr/bin/env python3
"""A database across a network, on loopback: a TCP proxy that passes what the client sends at once and
what the database answers DELAY_MS later, so that every round trip costs about that much more (plus the
event loop's timer granularity, about a millisecond). For measuring what round trips cost a request
(bench/RESULTS.md, run of 2026-12-07 (morning)); this machine's kernel has no netem.

    bench/db-delay.py LISTEN_PORT DATABASE_PORT DELAY_MS

Point the server at LISTEN_PORT, e.g. bench/run.sh --java-opts "… -Dspring.datasource.url=jdbc:mysql://127.0.0.1:LISTEN_PORT/issuegraph".
"""
import asyncio
import sys
import time

LISTEN, DATABASE, DELAY = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) / 1000


async def pass_now(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


async def pass_late(reader, writer):
    """Each chunk leaves DELAY after it arrived, in order."""
    queue = asyncio.Queue()

    async def send():
        while True:
            due, data = await queue.get()
            if data is None:
                writer.close()
                return
            if (wait := due - time.monotonic()) > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()

    sender = asyncio.create_task(send())
    while data := await reader.read(65536):
        queue.put_nowait((time.monotonic() + DELAY, data))
    queue.put_nowait((0, None))
    await sender


async def connection(client_reader, client_writer):
    database_reader, database_writer = await asyncio.open_connection("127.0.0.1", DATABASE)
    await asyncio.gather(pass_now(client_reader, database_writer), pass_late(database_reader, client_writer),
                         return_exceptions=True)


async def main():
    server = await asyncio.start_server(connection, "127.0.0.1", LISTEN)
    async with server:
        await server.serve_forever()


asyncio.run(main())
