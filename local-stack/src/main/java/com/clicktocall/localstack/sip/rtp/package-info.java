/**
 * Just enough RTP (RFC 3550) for the local stack's calls: a packet writer and reader, the RFC 4733
 * telephone-event payload, a sender that paces the packets of a digit string, a receiver that decodes digits,
 * and the comfort tone the PBX plays to the agent's softphone.
 */
package com.clicktocall.localstack.sip.rtp;
