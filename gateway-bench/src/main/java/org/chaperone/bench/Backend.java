package org.chaperone.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A stand-in for consent-service that costs as little as possible, so that the benchmark measures proxying: a bare
 * Netty HTTP/1.1 server (keep-alive, TCP_NODELAY). GET /api/v1/pupils?schoolId=... answers 200 with a small JSON
 * list (the school id echoed), anything else 404. Loopback only. Args: port [event loop threads].
 */
public final class Backend {

    private static final String BODY_START = "{\"schoolId\":\"";
    private static final String BODY_END = "\",\"pupils\":["
            + "{\"id\":\"0b6f4e0e-1\",\"displayName\":\"A. Pupil\",\"yearGroup\":7,\"consent\":\"GRANTED\"},"
            + "{\"id\":\"0b6f4e0e-2\",\"displayName\":\"B. Pupil\",\"yearGroup\":7,\"consent\":\"PENDING\"},"
            + "{\"id\":\"0b6f4e0e-3\",\"displayName\":\"C. Pupil\",\"yearGroup\":8,\"consent\":\"REFUSED\"}]}";

    private Backend() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new Handler());
                    }
                })
                .bind("127.0.0.1", port)
                .sync();
        System.out.println("backend listening on 127.0.0.1:" + port + " with " + threads + " event loops");
    }

    private static final class Handler extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (!(message instanceof HttpRequest request)) {
                return; // GET: the (empty) body parts need no answer
            }
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            FullHttpResponse response;
            if ("/api/v1/pupils".equals(uri.path())) {
                List<String> school = uri.parameters().get("schoolId");
                String id = school == null || school.isEmpty() ? "none"
                        : school.get(0).replaceAll("[^A-Za-z0-9_-]", "");
                ByteBuf body = Unpooled.copiedBuffer(BODY_START + id + BODY_END, StandardCharsets.UTF_8);
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            } else {
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
            }
            HttpUtil.setContentLength(response, response.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
