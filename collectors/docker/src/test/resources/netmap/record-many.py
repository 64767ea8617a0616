import socket, shutil, sys
out = sys.argv[1]; keep = []
for fam, host, port, f in [(socket.AF_INET, "127.0.0.1", 47010, "tcp"), (socket.AF_INET6, "::1", 47011, "tcp6")]:
    l = socket.socket(fam, socket.SOCK_STREAM); l.bind((host, port)); l.listen(128); keep.append(l)
    for i in range(99):
        c = socket.create_connection((host, port)); a, _ = l.accept(); keep += [c, a]
for f in ["tcp", "tcp6"]:
    shutil.copyfile("/proc/net/" + f, out + "/proc-net-" + f + "-200")
