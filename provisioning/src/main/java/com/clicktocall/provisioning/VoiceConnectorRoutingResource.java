package com.clicktocall.provisioning;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.NotFoundException;
import software.amazon.awssdk.services.chimesdkvoice.model.Origination;
import software.amazon.awssdk.services.chimesdkvoice.model.OriginationRoute;
import software.amazon.awssdk.services.chimesdkvoice.model.OriginationRouteProtocol;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberError;
import software.amazon.awssdk.services.chimesdkvoice.model.Termination;

/**
 * {@code Custom::VoiceConnectorRouting}: what CloudFormation cannot set on a Voice Connector.
 * Termination admits calls only from the PBX's address; origination sends calls to the PBX; the
 * PBX's number is associated with the connector. On delete the number is disassociated (so the
 * connector and the number can be deleted after it); termination and origination go with the
 * connector.
 *
 * <p>Properties: {@code AwsRegion}, {@code VoiceConnectorId}, {@code PbxAddress} (IPv4),
 * {@code PhoneNumber}, {@code CallingRegions} (comma-separated ISO country codes, default US),
 * {@code SipPort} (default 5060). Attributes: {@code OutboundHostName}, {@code PhoneNumber}.
 */
public final class VoiceConnectorRoutingResource implements CustomResource {

    public static final String TYPE = "Custom::VoiceConnectorRouting";

    private static final Logger LOG = Logger.getLogger(VoiceConnectorRoutingResource.class);
    private static final String PREFIX = "vc-routing:";
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final ChimeVoiceClients chime;

    public VoiceConnectorRoutingResource(ChimeVoiceClients chime) {
        this.chime = chime;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Outcome create(ResourceProperties properties, Progress progress, Deadline deadline) {
        ChimeSdkVoiceClient client = chime.forRegion(properties.required("AwsRegion"));
        String connector = properties.required("VoiceConnectorId");
        String pbx = pbxAddress(properties);
        String number = properties.required("PhoneNumber");
        int port = sipPort(properties);
        List<String> callingRegions = Arrays.stream(properties.orDefault("CallingRegions", "US").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();

        client.putVoiceConnectorTermination(b -> b.voiceConnectorId(connector).termination(Termination.builder()
                .cidrAllowedList(pbx + "/32")
                .callingRegions(callingRegions)
                .disabled(false)
                .build()));
        client.putVoiceConnectorOrigination(b -> b.voiceConnectorId(connector).origination(Origination.builder()
                .routes(OriginationRoute.builder().host(pbx).port(port).protocol(OriginationRouteProtocol.UDP)
                        .priority(1).weight(1).build())
                .disabled(false)
                .build()));
        String physicalId = PREFIX + connector + ":" + number;
        progress.created(physicalId);
        List<PhoneNumberError> errors = client.associatePhoneNumbersWithVoiceConnector(b -> b
                .voiceConnectorId(connector).e164PhoneNumbers(number).forceAssociate(true)).phoneNumberErrors();
        if (!errors.isEmpty()) {
            throw new ProvisioningFailed("Could not associate " + number + " with Voice Connector " + connector + ": "
                    + describe(errors));
        }
        String outboundHost = client.getVoiceConnector(b -> b.voiceConnectorId(connector)).voiceConnector()
                .outboundHostName();
        LOG.infof("Voice Connector %s: termination from %s, origination to %s:%d, number %s", connector, pbx, pbx, port,
                number);
        return new Outcome(physicalId, Map.of("OutboundHostName", outboundHost, "PhoneNumber", number));
    }

    @Override
    public Outcome update(String physicalId, ResourceProperties properties, ResourceProperties old, Progress progress,
            Deadline deadline) {
        // Every setting is put again; a different connector or number yields a new id, and
        // CloudFormation's delete of the old id then disassociates the old number.
        return create(properties, progress, deadline);
    }

    @Override
    public void delete(String physicalId, ResourceProperties properties, Deadline deadline) {
        if (!physicalId.startsWith(PREFIX)) {
            return;
        }
        String[] parts = physicalId.substring(PREFIX.length()).split(":", 2);
        if (parts.length < 2) {
            return;
        }
        String connector = parts[0];
        String number = parts[1];
        try {
            List<PhoneNumberError> errors = chime.forRegion(properties.required("AwsRegion"))
                    .disassociatePhoneNumbersFromVoiceConnector(b -> b.voiceConnectorId(connector).e164PhoneNumbers(number))
                    .phoneNumberErrors();
            if (!errors.isEmpty()) {
                // Typically the number is no longer associated (already moved or released): nothing left to undo.
                LOG.infof("disassociating %s from %s: %s", number, connector, describe(errors));
            }
        } catch (NotFoundException alreadyGone) {
            LOG.infof("Voice Connector %s or number %s was already deleted", connector, number);
        }
    }

    private static String pbxAddress(ResourceProperties properties) {
        String address = properties.required("PbxAddress");
        var match = IPV4.matcher(address);
        if (!match.matches() || java.util.stream.IntStream.rangeClosed(1, 4).anyMatch(i -> Integer.parseInt(match.group(i)) > 255)) {
            throw new ProvisioningFailed("PbxAddress must be the PBX's public IPv4 address, not '" + address + "'.");
        }
        return address;
    }

    private static int sipPort(ResourceProperties properties) {
        String value = properties.orDefault("SipPort", "5060");
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ProvisioningFailed("SipPort must be a port number, not '" + value + "'.");
    }

    private static String describe(List<PhoneNumberError> errors) {
        return String.join("; ", errors.stream()
                .map(e -> e.phoneNumberId() + " " + e.errorCodeAsString() + " " + e.errorMessage()).toList());
    }
}
