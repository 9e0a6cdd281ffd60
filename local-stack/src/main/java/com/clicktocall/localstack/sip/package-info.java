/**
 * Real SIP for the local stack's SMA engine: the B leg of {@code CallAndBridge}, and the PBX it reaches.
 *
 * <ul>
 *   <li>{@link com.clicktocall.localstack.sip.SipPhone} / {@link com.clicktocall.localstack.sip.JainSipPhone}:
 *       places calls ({@link com.clicktocall.localstack.sip.InviteRequest}) over UDP from 127.0.0.1 with the
 *       JAIN-SIP reference stack, reports progress to a {@link com.clicktocall.localstack.sip.SipCallListener},
 *       sends {@code SendDigits} as RFC 4733 telephone events, and hangs up
 *       ({@link com.clicktocall.localstack.sip.SipCall}).</li>
 *   <li>{@link com.clicktocall.localstack.sip.EmbeddedAgent}: the default PBX, an answering user agent that
 *       records each call (headers such as {@code X-RequestorEmail}, numbers, state, digits) for the
 *       console, and behaves per dialled number ({@link com.clicktocall.localstack.sip.AgentBehaviour}, set in its
 *       {@link com.clicktocall.localstack.sip.AgentConfig}); each call is an
 *       {@link com.clicktocall.localstack.sip.InboundCall}. With a
 *       {@link com.clicktocall.localstack.sip.Softphone} it rings the agent's softphone first for calls to the
 *       Voice Connector's number, as the PBX's dial plan does.</li>
 *   <li>{@link com.clicktocall.localstack.sip.SipMessageLog}: every SIP message either side sends or
 *       receives, for a call timeline.</li>
 *   <li>{@code rtp}: the small RTP and telephone-event writer and reader both sides use.</li>
 * </ul>
 *
 * Everything listens on 127.0.0.1 only. The JAIN-SIP stack logs through {@link System.Logger} under the
 * name {@code javax.sip} (not log4j).
 */
package com.clicktocall.localstack.sip;
