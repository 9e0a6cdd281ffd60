package com.clicktocall.localstack.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One JAIN-SIP reference stack listening on UDP 127.0.0.1, with its factories. Each {@link JainSipPhone}
 * and {@link EmbeddedAgent} owns one.
 */
final class LoopbackSipStack implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final String TRANSPORT = ListeningPoint.UDP;

    /** Bigger datagrams are dropped unread: nothing this project sends comes close. */
    private static final int MAX_MESSAGE_SIZE = 64 * 1024;
    private static final int FREE_PORT_ATTEMPTS = 5;
    private static final AtomicInteger STACKS = new AtomicInteger();

    final AddressFactory addresses = new AddressFactoryImpl();
    final HeaderFactory headers = new HeaderFactoryImpl();
    final MessageFactory messages = new MessageFactoryImpl();
    final SipProvider provider;
    final int port;
    private final SipStackImpl stack;

    private LoopbackSipStack(SipStackImpl stack, SipProvider provider, int port) {
        this.stack = stack;
        this.provider = provider;
        this.port = port;
    }

    /**
     * @param name names the stack's threads and log lines
     * @param port UDP port on 127.0.0.1, 0 for any free port
     * @throws IOException when the port cannot be bound
     */
    static LoopbackSipStack open(String name, int port, SipListener listener, SipMessageLog log) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? FREE_PORT_ATTEMPTS : 1); attempt++) {
            int chosen = port == 0 ? freePort() : port;
            SipStackImpl stack = null;
            try {
                stack = new SipStackImpl(properties(name + "-" + STACKS.incrementAndGet()));
                ((JainSipWireLog) stack.getServerLogger()).attach(log);
                ListeningPoint point = stack.createListeningPoint(HOST, chosen, TRANSPORT);
                SipProvider provider = stack.createSipProvider(point);
                provider.addSipListener(listener);
                stack.start();
                return new LoopbackSipStack(stack, provider, chosen);
            } catch (SipException | InvalidArgumentException | TooManyListenersException e) {
                if (stack != null) {
                    stack.stop();
                }
                last = new IOException("cannot listen for SIP on udp " + HOST + ":" + chosen + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private static Properties properties(String stackName) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JainSipStackLog.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JainSipWireLog.class.getName());
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_SIZE));
        // One thread hands received messages to the listener, so they arrive in order (180 before 200 OK).
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        return p;
    }

    /**
     * Answers a request outside any call's own handling (OPTIONS, unknown methods, unknown dialogs, BYE);
     * 405 and OPTIONS answers list what is allowed. A failure to answer is logged: the peer retransmits.
     */
    void respond(RequestEvent event, int status) {
        try {
            Response response = messages.createResponse(status, event.getRequest());
            if (status == Response.METHOD_NOT_ALLOWED || Request.OPTIONS.equals(event.getRequest().getMethod())) {
                response.addHeader(headers.createAllowHeader(JainSipPhone.ALLOW));
            }
            ServerTransaction transaction = event.getServerTransaction() != null
                    ? event.getServerTransaction() : provider.getNewServerTransaction(event.getRequest());
            transaction.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            System.getLogger(LoopbackSipStack.class.getName()).log(System.Logger.Level.DEBUG,
                    "could not answer " + event.getRequest().getMethod() + " with " + status, e);
        }
    }

    /** Asks the OS for a free UDP port; the stack binds it right after (a race lost only to another binder). */
    private static int freePort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), 0))) {
            return probe.getLocalPort();
        }
    }

    /**
     * Closes the port at once; the rest of the stack stops in the background, because the reference
     * stack's {@code stop()} sleeps a second after closing its sockets.
     */
    @Override
    public void close() {
        try {
            for (ListeningPoint point : provider.getListeningPoints()) {
                provider.removeListeningPoint(point);
                stack.deleteListeningPoint(point);
            }
        } catch (Exception e) {
            System.getLogger(LoopbackSipStack.class.getName())
                    .log(System.Logger.Level.DEBUG, "SIP stack teardown", e);
        }
        Thread.ofPlatform().daemon().name("sip-stack-stop").start(stack::stop);
    }
}
