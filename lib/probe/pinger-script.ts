import "server-only";

/**
 * The host's pinger for addresses: ONE `python3` process per host pings every target of every
 * source container of that host, from each source's network namespace, instead of one `ping`
 * process per pair (on a busy 2-core machine, starting a thousand ping processes is most of a
 * matrix's time). Run by `HOST_SCRIPT` as `python3 -c PINGER_SCRIPT COUNT INTERVAL DEADLINE` and
 * then groups `fast SRC PID ID OFFSET M TARGET×M` (the same groups the shell path takes).
 *
 * A constant: nothing is interpolated; arguments are positional (`sys.argv`). Per source it checks
 * that the PID's cgroup names the container id, enters its network namespace (setns) just long
 * enough to open an ICMP socket there (an unprivileged ping socket, or a raw one), and returns to
 * the host's. Then it sends COUNT echo requests INTERVAL s apart to every target at once and
 * waits for replies until DEADLINE s (later when it could only send late, see `wait`). Each socket gets a 4 MiB receive buffer (SO_RCVBUFFORCE, as
 * root): the replies to a burst of requests to hundreds of targets arrive while it is still sending,
 * and the default 208 KiB held about a hundred of them, dropping the rest (loss the network never
 * caused). It drains every ready socket at each wake-up; the work per reply
 * is constant (a count of targets still waiting, not a scan of them: a host with 2,000 targets got
 * 6,000 replies, and scanning every target at each one cost seconds of CPU). It never runs a
 * program from the container. Each target's
 * result is framed like the probe scripts' (`@@cn-b G`, `G:` lines, `@@cn-e G RC`, RC 0 when a
 * reply came back, 1 when none did, 2 when sending failed) as soon as it is complete; a source it
 * cannot enter is reported as `@@cn-xb/xe` with the reason. Targets must be IPv4 addresses, or checks:
 * `tcp:ADDR:PORT` (a connect: `open`, `refused` on a reset, `timeout` on silence), `udp:ADDR:PORT` (one
 * datagram, one answer awaited; ICMP port unreachable is `refused`) and `mtu:ADDR` (the largest ICMP packet
 * answered with DF set, by bisection between 84 bytes and the route's MTU, each size tried twice with a
 * 0.3 s wait), each on a socket opened in the source's netns and run in a thread of its own, framed as one
 * `crossnet-KIND ADDR: STATE [rtt=MS] [path=N] [interface=N] DETAIL` line (see `parseCheck`). A source
 * whose id is `host` stays in the host's own network namespace (a host as the matrix's source).
 */
export const PINGER_SCRIPT = String.raw`
import ctypes, errno, os, random, re, select, socket, struct, sys, threading, time

lock = threading.Lock()

def frame(g, lines, rc):
    body = "".join("%d:%s\n" % (g, line) for line in lines)
    with lock:
        sys.stdout.write("@@cn-b %d\n%s@@cn-e %d %d\n" % (g, body, g, rc))
        sys.stdout.flush()

def failed(o, why):
    with lock:
        sys.stdout.write("@@cn-xb %d\nx%d:%s\n@@cn-xe %d 1\n" % (o, o, why, o))
        sys.stdout.flush()

def icmp_socket():
    try:
        return socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP), False
    except OSError:
        return socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP), True

def check_socket(kind):
    if kind == "tcp":
        return socket.socket(socket.AF_INET, socket.SOCK_STREAM), False
    if kind == "udp":
        return socket.socket(socket.AF_INET, socket.SOCK_DGRAM), False
    if kind == "mtu":
        return icmp_socket()
    raise OSError("unknown check %s" % kind)

def check_line(c, state, detail, rtt=None, path=None, iface=None):
    words = ["crossnet-%s %s: %s" % (c["kind"], c["t"], state)]
    if rtt is not None:
        words.append("rtt=%.3f" % rtt)
    if path is not None:
        words.append("path=%d" % path)
    if iface is not None:
        words.append("interface=%d" % iface)
    words.append(detail)
    return " ".join(words)

def run_tcp(c):
    s = c["sock"]
    s.settimeout(deadline)
    t0 = time.monotonic()
    try:
        s.connect((c["ip"], c["port"]))
        return check_line(c, "open", "connected to port %d" % c["port"], (time.monotonic() - t0) * 1000), 0
    except socket.timeout:
        return check_line(c, "timeout", "no answer from port %d within %g s" % (c["port"], deadline)), 1
    except ConnectionRefusedError:
        return check_line(c, "refused", "port %d: Connection refused" % c["port"]), 1
    except OSError as e:
        state = "unreachable" if e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH) else "error"
        return check_line(c, state, "port %d: %s" % (c["port"], os.strerror(e.errno or errno.EIO))), 1

def run_udp(c):
    s = c["sock"]
    s.settimeout(deadline)
    t0 = time.monotonic()
    try:
        s.connect((c["ip"], c["port"]))
        s.send(b"crossnet\n")
        s.recv(2048)
        return check_line(c, "answered", "port %d answered" % c["port"], (time.monotonic() - t0) * 1000), 0
    except socket.timeout:
        return check_line(c, "timeout", "no answer from port %d within %g s" % (c["port"], deadline)), 1
    except ConnectionRefusedError:
        return check_line(c, "refused", "port %d: Connection refused (ICMP port unreachable)" % c["port"]), 1
    except OSError as e:
        state = "unreachable" if e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH) else "error"
        return check_line(c, state, "port %d: %s" % (c["port"], os.strerror(e.errno or errno.EIO))), 1

def run_mtu(c):
    s, raw, ip = c["sock"], c["raw"], c["ip"]
    ident = random.randrange(1, 65535)
    s.setsockopt(socket.IPPROTO_IP, 10, 2)
    s.connect((ip, 0))
    seq = [0]
    def iface_mtu():
        try:
            return s.getsockopt(socket.IPPROTO_IP, 14)
        except OSError:
            return None
    def probe(size):
        for attempt in range(2):
            seq[0] += 1
            body = bytes(max(0, size - 28))
            packet = struct.pack("!BBHHH", 8, 0, 0, ident, seq[0]) + body
            if raw:
                packet = struct.pack("!BBHHH", 8, 0, checksum(packet), ident, seq[0]) + body
            try:
                s.send(packet)
            except OSError as e:
                # EMSGSIZE: larger than the route's MTU. ENOBUFS: dropped on the way out of the host, as a
                # bridge drops a frame larger than its port's MTU (an overlay's vxlan port): both mean
                # this size does not pass (the first probe, at 84 bytes, tells a host short of buffers).
                if e.errno in (errno.EMSGSIZE, errno.ENOBUFS) and size > 84:
                    return False
                raise
            until = time.monotonic() + 0.3
            while True:
                left = until - time.monotonic()
                if left <= 0 or not select.select([s], [], [], left)[0]:
                    break
                try:
                    data = s.recv(65535)
                except OSError:
                    continue
                if raw:
                    data = data[(data[0] & 0x0F) * 4:]
                if len(data) >= 8 and data[0] == 0:
                    rid, rseq = struct.unpack("!HH", data[4:8])
                    if (raw and rid != ident) or rseq != seq[0]:
                        continue
                    return True
        return False
    try:
        top = iface_mtu() or 1500
        if not probe(84):
            return check_line(c, "timeout", "no echo reply even at 84 bytes", None, None, iface_mtu()), 1
        if probe(top):
            return check_line(c, "measured", "largest packet with DF set", None, top, iface_mtu() or top), 0
        lo, hi = 84, top
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if probe(mid):
                lo = mid
            else:
                hi = mid
        return check_line(c, "measured", "largest packet with DF set", None, lo, iface_mtu() or top), 0
    except OSError as e:
        return check_line(c, "error", os.strerror(e.errno or errno.EIO)), 1

def skip_name(data, pos):
    while True:
        n = data[pos]
        if n >= 0xC0:
            return pos + 2
        if n == 0:
            return pos + 1
        pos += n + 1

def resolve(c):
    # One A query to Docker's embedded DNS, from the source's netns (the socket was opened there).
    s, name = c["dns"], c["ip"]
    qid = random.randrange(65536)
    labels = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".") if p)
    s.sendto(struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + labels + b"\0" + struct.pack("!HH", 1, 1), ("127.0.0.11", 53))
    end = time.monotonic() + deadline
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return None, "no answer from Docker's DNS (127.0.0.11) within %g s" % deadline
        s.settimeout(left)
        try:
            data = s.recv(2048)
        except socket.timeout:
            continue
        if len(data) < 12:
            continue
        rid, flags, qd, an, ns, ar = struct.unpack("!HHHHHH", data[:12])
        if rid != qid:
            continue
        if flags & 15:
            return None, "bad address '%s' (%s)" % (name, {2: "SERVFAIL", 3: "NXDOMAIN", 5: "REFUSED"}.get(flags & 15, flags & 15))
        pos = 12
        for _ in range(qd):
            pos = skip_name(data, pos) + 4
        for _ in range(an):
            pos = skip_name(data, pos)
            typ, cls, ttl, rdl = struct.unpack("!HHIH", data[pos:pos + 10])
            pos += 10
            if typ == 1 and rdl == 4:
                return socket.inet_ntoa(data[pos:pos + 4]), None
            pos += rdl
        return None, "bad address '%s' (no address)" % name

def run_check(c):
    try:
        if c.get("dns") is not None:
            ip, why = resolve(c)
            c["dns"].close()
            if ip is None:
                frame(c["g"], [check_line(c, "unresolved", why)], 1)
                c["sock"].close()
                return
            c["ip"] = ip
        line, rc = {"tcp": run_tcp, "udp": run_udp, "mtu": run_mtu}[c["kind"]](c)
    except Exception as e:
        line, rc = check_line(c, "error", str(e)), 1
    finally:
        c["sock"].close()
    frame(c["g"], [line], rc)

def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF

count, interval, deadline = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
checks = []
args = sys.argv[4:]
libc = ctypes.CDLL(None, use_errno=True)
home = os.open("/proc/self/ns/net", os.O_RDONLY)
sources = []
while len(args) >= 6:
    pid, cid, o, m = args[2], args[3], int(args[4]), int(args[5])
    targets = args[6:6 + m]
    args = args[6 + m:]
    sys.stdout.write("@@cn-mode %d py\n" % o)
    try:
        if cid == "host":
            fd = os.open("/proc/self/ns/net", os.O_RDONLY)
        else:
            with open("/proc/%d/cgroup" % int(pid)) as f:
                if cid not in f.read():
                    raise OSError("process %s is not container %s any more" % (pid, cid[:12]))
            fd = os.open("/proc/%d/ns/net" % int(pid), os.O_RDONLY)
        try:
            if libc.setns(fd, 0x40000000) != 0:
                raise OSError(ctypes.get_errno(), "setns: " + os.strerror(ctypes.get_errno()))
            sock, raw = icmp_socket()
            mine = []
            for n, t in enumerate(targets):
                if ":" not in t:
                    continue
                kind, rest = t.split(":", 1)
                ip, _, port = rest.partition(":")
                dns = None
                if re.match(r"^\d{1,3}(\.\d{1,3}){3}$", ip):
                    socket.inet_aton(ip)
                elif kind != "mtu" and re.match(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$", ip):
                    dns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                else:
                    raise OSError("not an address or a name: %s" % ip[:60])
                csock, craw = check_socket(kind)
                mine.append({"g": o + n + 1, "kind": kind, "t": rest, "ip": ip, "port": int(port or 0), "sock": csock, "raw": craw, "dns": dns})
        finally:
            libc.setns(home, 0x40000000)
            os.close(fd)
        try:
            sock.setsockopt(socket.SOL_SOCKET, 33, 4 << 20)
        except OSError:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
            except OSError:
                pass
        pings = [(n, t) for n, t in enumerate(targets) if ":" not in t]
        for n, t in pings:
            socket.inet_aton(t)
        checks.extend(mine)
        sources.append({"o": o, "sock": sock, "raw": raw, "id": random.randrange(1, 65535), "targets": pings})
    except Exception as e:
        failed(o, "cannot ping from this container: %s" % e)
sys.stdout.flush()

state = {}
threads = [threading.Thread(target=run_check, args=(c,)) for c in checks]
for thread in threads:
    thread.start()
for s in sources:
    for n, t in s["targets"]:
        state[(s["sock"].fileno(), t)] = {"g": s["o"] + n + 1, "t": t, "sent": {}, "seqs": set(), "rtt": [], "error": None, "done": False}
by_fd = dict((s["sock"].fileno(), s) for s in sources)
payload = bytes(range(56))
pending = [len(state)]

def finish(entry):
    if entry["done"]:
        return
    entry["done"] = True
    pending[0] -= 1
    sent, got = len(entry["sent"]), len(entry["rtt"])
    loss = 100 if sent == 0 else round(100.0 * (sent - got) / sent, 1)
    lines = ["crossnet-ping %s: %d sent, %d received, %g%% packet loss" % (entry["t"], sent, got, loss)]
    if got:
        r = entry["rtt"]
        lines.append("rtt min/avg/max = %.3f/%.3f/%.3f ms" % (min(r), sum(r) / got, max(r)))
    if entry["error"]:
        lines.append("crossnet-ping: " + entry["error"])
    frame(entry["g"], lines, 0 if got else (2 if entry["error"] and not sent else 1))

def drain(fd):
    s = by_fd[fd]
    while True:
        try:
            data, addr = s["sock"].recvfrom(2048, socket.MSG_DONTWAIT)
        except OSError:
            return
        got = time.monotonic()
        if s["raw"]:
            data = data[(data[0] & 0x0F) * 4:]
        if len(data) < 8 or data[0] != 0:
            continue
        ident, rseq = struct.unpack("!HH", data[4:8])
        if s["raw"] and ident != s["id"]:
            continue
        entry = state.get((fd, addr[0]))
        if entry is None or rseq not in entry["sent"] or rseq in entry["seqs"] or entry["done"]:
            continue
        entry["seqs"].add(rseq)
        entry["rtt"].append((got - entry["sent"][rseq]) * 1000)
        if len(entry["rtt"]) == count:
            finish(entry)

start = time.monotonic()
end = start + deadline
# A pinger starved of CPU (a busy 2-core machine emulating dozens of hosts) sends late: every packet
# is still sent, and after the last one the replies get the time the schedule leaves them
# (deadline - (count - 1) * interval), within twice the deadline overall.
wait = deadline - (count - 1) * interval
hard_end = start + 2 * deadline
seq = 0
while seq < count or pending[0] > 0:
    now = time.monotonic()
    if now >= hard_end or (seq >= count and now >= end):
        break
    if seq < count and now >= start + seq * interval:
        for s in sources:
            for n, t in s["targets"]:
                entry = state[(s["sock"].fileno(), t)]
                header = struct.pack("!BBHHH", 8, 0, 0, s["id"], seq)
                packet = header + payload
                if s["raw"]:
                    packet = struct.pack("!BBHHH", 8, 0, checksum(packet), s["id"], seq) + payload
                try:
                    s["sock"].sendto(packet, (t, 0))
                    entry["sent"][seq] = time.monotonic()
                except OSError as e:
                    entry["error"] = "sendto: " + os.strerror(e.errno or errno.EIO)
        seq += 1
        if seq == count:
            end = max(end, min(time.monotonic() + wait, hard_end))
            for entry in state.values():
                if not entry["done"] and entry["error"] and not entry["sent"]:
                    finish(entry)
        continue
    wake = min(hard_end, start + seq * interval) if seq < count else end
    ready = select.select(list(by_fd), [], [], max(0.0, wake - time.monotonic()))[0]
    for fd in ready:
        drain(fd)
# Replies already in a socket's buffer at the deadline came back in time: count them too (a host too
# busy to read them as they came is not a network that lost them).
for fd in by_fd:
    drain(fd)
for entry in state.values():
    finish(entry)
for thread in threads:
    thread.join()
`;
