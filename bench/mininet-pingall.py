"""Mininet 2.3 `pingall` on N hosts, for bench/probe.ts; prints {"ms": ping phase only, "loss": %}.

Run it only the way bench/probe.ts does: inside its own network and mount namespaces
(`unshare --net --mount --fork`), so every bridge, veth and host namespace Mininet makes lives
there and disappears with it. Safety (lab-facts.md): a Linux bridge (`LinuxBridge`, no Open vSwitch,
no controller), Mininet's machine-wide limits/sysctl tweaks skipped (`Mininet.inited`), no cleanup
on exception (`cleanup=False`; `mn -c` is never run), and the network stopped in `finally`.
"""
import json
import sys
import time

from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.nodelib import LinuxBridge
from mininet.topo import SingleSwitchTopo


def main():
    hosts = int(sys.argv[1])
    if not 2 <= hosts <= 64:
        raise SystemExit("hosts must be 2..64")
    setLogLevel("error")
    Mininet.inited = True  # skips fixLimits(): no machine-wide rlimit/sysctl changes
    net = Mininet(topo=SingleSwitchTopo(k=hosts), switch=LinuxBridge, controller=None, cleanup=False)
    try:
        net.start()
        started = time.perf_counter()
        loss = net.pingAll(timeout="1")
        elapsed = (time.perf_counter() - started) * 1000
        print(json.dumps({"ms": round(elapsed), "loss": loss}))
    finally:
        net.stop()


if __name__ == "__main__":
    main()
