package io.canarymesh.proxy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Native epoll when the platform has it, NIO otherwise. */
record Transport(
    IoHandlerFactory ioHandlers,
    Class<? extends ServerSocketChannel> serverChannel,
    Class<? extends SocketChannel> channel,
    String name) {

  static Transport best() {
    if (Epoll.isAvailable()) {
      return new Transport(
          EpollIoHandler.newFactory(),
          EpollServerSocketChannel.class,
          EpollSocketChannel.class,
          "epoll");
    }
    return new Transport(
        NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class, "nio");
  }

  EventLoopGroup newGroup(int threads, String prefix) {
    return new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory(prefix, true), ioHandlers);
  }
}
