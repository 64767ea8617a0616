import socket, shutil, sys, time
out = sys.argv[1]
keep = []
def tcp(fam, host, port, v6only=None):
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind((host, port)); s.listen(16); keep.append(s); return s
l4 = tcp(socket.AF_INET, "127.0.0.1", 47001)
l6 = tcp(socket.AF_INET6, "::1", 47002)
ld = tcp(socket.AF_INET6, "::", 47003, 0)   # dual stack
for fam, host, port, srv in [(socket.AF_INET, "127.0.0.1", 47001, l4), (socket.AF_INET6, "::1", 47002, l6),
                             (socket.AF_INET, "127.0.0.1", 47003, ld), (socket.AF_INET6, "::1", 47003, ld)]:
    c = socket.create_connection((host, port)); a, _ = srv.accept(); keep += [c, a]
# one closed by the client: TIME_WAIT on the client side
c = socket.create_connection(("127.0.0.1", 47001)); a, _ = l4.accept(); c.close(); time.sleep(0.2); keep.append(a)
u4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u4.bind(("127.0.0.1", 47004)); keep.append(u4)
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.bind(("::1", 47005)); keep.append(u6)
for fam, host, port in [(socket.AF_INET, "127.0.0.1", 47004), (socket.AF_INET6, "::1", 47005)]:
    c = socket.socket(fam, socket.SOCK_DGRAM); c.connect((host, port)); c.send(b"x"); keep.append(c)
time.sleep(0.2)
for f in ["tcp", "tcp6", "udp", "udp6"]:
    shutil.copyfile("/proc/net/" + f, out + "/proc-net-" + f)
print("pid", __import__("os").getpid())
