"""Independent Modbus devices for cyclerd's end-to-end tests: one pymodbus
3.16.1 server holding the registers of every shipped map
(Config/instruments/), encoded here with Python's struct, not with
cyclerd's code. Each device answers at its own unit id, like four
instruments on one RS485 line:

    unit 1 Laumas TLU   unit 2 Flintec DAD 141.1
    unit 3 Eurotherm 3200   unit 4 JUMO diraTRON

    modbus_peer.py --tcp             # prints "ready PORT" (a free loopback port)
    modbus_peer.py --rtu /dev/pts/N  # prints "ready /dev/pts/N"

The Swift tests hold the same physical numbers as REGISTERS below. Runs
until killed.
"""

import argparse
import asyncio
import socket
import struct
import sys

from pymodbus import FramerType
from pymodbus.server import StartAsyncSerialServer, StartAsyncTcpServer
from pymodbus.simulator import DataType, SimData, SimDevice


def int32_abcd(value):
    return list(struct.unpack(">HH", struct.pack(">i", value)))


def float_abcd(value):
    return list(struct.unpack(">HH", struct.pack(">f", value)))


def float_cdab(value):
    high, low = struct.unpack(">HH", struct.pack(">f", value))
    return [low, high]


# Holding registers by unit id, then zero-based wire address, as each vendor documents them.
REGISTERS = {
    # Laumas TLU: 40006 command, 40007 status (b11 stable), 40008/9 gross
    # (int32, 0.1 kgf), 40010/11 net.
    1: {5: [0], 6: [1 << 11], 7: int32_abcd(3059), 9: int32_abcd(3000)},
    # Flintec DAD 141.1: 0x2000 gross float, 0x2002 net float, 0x2020 gross
    # int32, 0x2060 qualifier (0x10 steady).
    2: {0x2000: float_abcd(2450.5), 0x2002: float_abcd(2400.0), 0x2020: int32_abcd(2450),
                0x2060: [0x10], 0x2061: [0]},
    # Eurotherm 3200: PV and SP as int16 with one decimal at 1 and 2, and as
    # floats at 0x8000 + 2 x address.
    3: {1: [253], 2: [250], 0x8002: float_abcd(25.3), 0x8004: float_abcd(25.0)},
    # JUMO diraTRON: floats, low word first.
    4: {0x7000: float_cdab(31.5), 0x7018: float_cdab(30.0)},
}


def devices():
    """The devices: only the registers listed exist; any other address is an
    "illegal data address" exception, as on the real instruments."""
    return [SimDevice(id=unit, simdata=[SimData(address, values=words, datatype=DataType.REGISTERS)
                                        for address, words in sorted(layout.items())])
            for unit, layout in REGISTERS.items()]


async def serve(arguments):
    context = devices()
    if arguments.tcp:
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        server = asyncio.ensure_future(StartAsyncTcpServer(context=context, address=("127.0.0.1", port)))
        where = port
    else:
        server = asyncio.ensure_future(StartAsyncSerialServer(
            context=context, framer=FramerType.RTU, port=arguments.rtu, baudrate=19200))
        where = arguments.rtu
    await asyncio.sleep(0.2)
    if server.done():
        server.result()
    print(f"ready {where}", flush=True)
    await server


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    wire = parser.add_mutually_exclusive_group(required=True)
    wire.add_argument("--tcp", action="store_true")
    wire.add_argument("--rtu", metavar="DEVICE")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
