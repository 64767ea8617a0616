import socket, sys, threading, time
role = sys.argv[1]
if role == "server":   # in hp-ct: TCP and UDP servers on IPv4 and IPv6
    def tcp_srv(fam, host, port):
        s = socket.socket(fam, socket.SOCK_STREAM); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((host, port)); s.listen(8)
        while True:
            c, _ = s.accept()
            data = c.recv(65536); c.sendall(b"y" * 3000)
            threading.Thread(target=lambda c=c: (time.sleep(120), c.close()), daemon=True).start()
    def udp_srv(fam, host, port):
        s = socket.socket(fam, socket.SOCK_DGRAM); s.bind((host, port))
        while True:
            d, a = s.recvfrom(65536); s.sendto(b"z" * 200, a)
    for args in [(socket.AF_INET, "0.0.0.0", 8080), (socket.AF_INET6, "::", 8443)]:
        threading.Thread(target=tcp_srv, args=args, daemon=True).start()
    for args in [(socket.AF_INET, "0.0.0.0", 5353), (socket.AF_INET6, "::", 5354)]:
        threading.Thread(target=udp_srv, args=args, daemon=True).start()
    time.sleep(float(sys.argv[2]))
else:   # client: connections to the server's addresses
    keep = []
    for host, port in [(sys.argv[2], 8080), (sys.argv[3], 8443)]:
        c = socket.create_connection((host, port)); c.sendall(b"x" * 1000); c.recv(65536); keep.append(c)
    c = socket.create_connection((sys.argv[2], 8080)); c.sendall(b"q"); c.recv(65536); c.close()
    for fam, host, port in [(socket.AF_INET, sys.argv[2], 5353), (socket.AF_INET6, sys.argv[3], 5354)]:
        u = socket.socket(fam, socket.SOCK_DGRAM); u.settimeout(2); u.sendto(b"w" * 100, (host, port)); u.recvfrom(1000); keep.append(u)
    time.sleep(float(sys.argv[4]))
