/**
 * Just enough RTP (RFC 3550) for DTMF as RFC 4733 telephone events: a packet writer and reader, the event
 * payload, a sender that paces the packets of a digit string, and a receiver that decodes digits.
 */
package com.clicktocall.localstack.sip.rtp;
