package io.hostpulse.exporters.influx;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * A protocol-level HTTP/1.1 server for what real servers cannot be made to do on demand: 413, 429 with Retry-After,
 * a slow reply, a connection reset mid-body, garbage, never answering. Each request is recorded (body un-gzipped)
 * and answered by the script.
 */
final class ScriptedHttpServer implements AutoCloseable {

    sealed interface Action permits Reply, Reset, Garbage, Hang, Slow, Trickle {
    }

    record Reply(int status, Map<String, String> headers, String body) implements Action {
        static Reply of(int status) {
            return new Reply(status, Map.of(), "");
        }

        static Reply of(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body);
        }
    }

    /** Sends a 500 status line and part of its promised body, then resets the connection (RST). */
    record Reset() implements Action {
    }

    /** Sends bytes that are not HTTP and closes. */
    record Garbage() implements Action {
    }

    /** Reads the request and never answers. */
    record Hang() implements Action {
    }

    /** Answers 204 only after {@code delayMillis}. */
    record Slow(long delayMillis) implements Action {
    }

    /** Sends a 500 whose body comes one byte every {@code millisPerByte}. */
    record Trickle(int bodyBytes, long millisPerByte) implements Action {
    }

    record Request(int index, String method, String target, Map<String, String> headers, String body, long nanos,
                   Action action) {
        List<String> lines() {
            List<String> l = new ArrayList<>();
            for (String s : body.split("\n")) {
                if (!s.isEmpty()) {
                    l.add(s);
                }
            }
            return l;
        }

        boolean accepted() {
            return action instanceof Reply r && r.status() / 100 == 2;
        }
    }

    private final ServerSocket server;
    private final Function<Request, Action> script;
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    ScriptedHttpServer(Function<Request, Action> script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "scripted-http");
        t.setDaemon(true);
        t.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The lines of every request that got a 2xx, in arrival order. */
    List<String> acceptedLines() {
        List<String> l = new ArrayList<>();
        synchronized (requests) {
            for (Request r : requests) {
                if (r.accepted()) {
                    l.addAll(r.lines());
                }
            }
        }
        return l;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "scripted-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (!closed) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String[] lines = head.split("\r\n");
                String[] first = lines[0].split(" ");
                Map<String, String> headers = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int c = lines[i].indexOf(':');
                    if (c > 0) {
                        headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
                    }
                }
                byte[] body;
                if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    body = readChunked(in);
                } else {
                    body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                }
                if ("gzip".equalsIgnoreCase(headers.get("content-encoding"))) {
                    body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
                }
                long now = System.nanoTime();
                Request probe = new Request(requests.size(), first[0], first[1], headers,
                        new String(body, StandardCharsets.UTF_8), now, null);
                Action a = script.apply(probe);
                requests.add(new Request(probe.index(), probe.method(), probe.target(), headers, probe.body(), now, a));
                if (a instanceof Reply r) {
                    byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
                    StringBuilder h = new StringBuilder("HTTP/1.1 " + r.status() + " X\r\nContent-Length: " + b.length + "\r\n");
                    r.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
                    out.write(h.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                    out.write(b);
                    out.flush();
                } else if (a instanceof Reset) {
                    out.write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 100\r\n\r\n{\"par".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.setSoLinger(true, 0);
                    return;
                } else if (a instanceof Garbage) {
                    byte[] junk = new byte[4096];
                    new java.util.Random(7).nextBytes(junk);
                    out.write(junk);
                    out.flush();
                    return;
                } else if (a instanceof Hang) {
                    while (!closed) {
                        Thread.sleep(100);
                    }
                    return;
                } else if (a instanceof Slow sl) {
                    Thread.sleep(sl.delayMillis());
                    out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } else if (a instanceof Trickle sl) {
                    out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Length: " + sl.bodyBytes() + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    for (int i = 0; i < sl.bodyBytes() && !closed; i++) {
                        Thread.sleep(sl.millisPerByte());
                        out.write('x');
                        out.flush();
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away: fine
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                String s = b.toString(StandardCharsets.US_ASCII);
                return s.substring(0, s.length() - 4);
            }
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String line = readLine(in);
            int size = Integer.parseInt(line.split(";")[0].trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers
                }
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
