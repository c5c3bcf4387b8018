package org.chaperone.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP spoken by hand over a socket, for what ordinary clients will not send; every read has a deadline. */
final class RawHttp {

    private RawHttp() {
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Sends the head (and optional body bytes) and returns the status line and headers of the answer. */
    static String exchange(int port, String head, byte[] body) throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return readHead(socket.getInputStream());
        }
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        try {
            for (int b; head.size() < 16384 && (b = in.read()) != -1; ) {
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == 4) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // Whatever arrived is the answer.
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
