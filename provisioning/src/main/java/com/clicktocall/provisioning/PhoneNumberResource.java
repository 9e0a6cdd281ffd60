package com.clicktocall.provisioning;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.NotFoundException;
import software.amazon.awssdk.services.chimesdkvoice.model.OrderedPhoneNumber;
import software.amazon.awssdk.services.chimesdkvoice.model.OrderedPhoneNumberStatus;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberOrder;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberOrderStatus;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberProductType;
import software.amazon.awssdk.services.chimesdkvoice.model.PhoneNumberType;

/**
 * {@code Custom::PhoneNumber}: a phone number for the SIP media application or the Voice Connector.
 * Either adopts a number the account already owns ({@code ExistingPhoneNumber}, never released) or
 * searches, orders and waits for the order; on delete an ordered number is released.
 *
 * <p>Properties: {@code AwsRegion}, {@code ProductType} ({@code SipMediaApplicationDialIn} or
 * {@code VoiceConnector}), {@code ExistingPhoneNumber}, {@code Country} (default US), {@code AreaCode},
 * {@code State}, {@code City}, {@code NumberType} ({@code Local} or {@code TollFree}),
 * {@code TollFreePrefix}. A US search needs one of area code, city, state or toll-free prefix; with
 * none given a few states (or prefixes) are tried in turn. Attribute: {@code PhoneNumber}.
 */
public final class PhoneNumberResource implements CustomResource {

    public static final String TYPE = "Custom::PhoneNumber";

    private static final Logger LOG = Logger.getLogger(PhoneNumberResource.class);
    private static final String EXISTING = "number:existing:";
    private static final String ORDERED = "number:ordered:";
    /** Properties that choose the number: a change to any of them means a different number. */
    private static final String[] CHOICE = {"AwsRegion", "ProductType", "ExistingPhoneNumber", "Country", "AreaCode",
            "State", "City", "NumberType", "TollFreePrefix"};

    /** States tried, in order, when a US local number is wanted and no area code, city or state is given. */
    static final List<String> US_FALLBACK_STATES = List.of("WA", "CA", "NY", "TX", "IL", "FL", "VA", "GA");
    static final List<String> US_TOLL_FREE_PREFIXES = List.of("833", "844", "855", "866", "877", "888", "800");

    private final ChimeVoiceClients chime;
    private final Duration pollInterval;

    public PhoneNumberResource(ChimeVoiceClients chime, Duration pollInterval) {
        this.chime = chime;
        this.pollInterval = pollInterval;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Outcome create(ResourceProperties properties, Progress progress, Deadline deadline) {
        ChimeSdkVoiceClient client = chime.forRegion(properties.required("AwsRegion"));
        PhoneNumberProductType productType = productType(properties);
        Optional<String> existing = properties.optional("ExistingPhoneNumber");
        if (existing.isPresent()) {
            return adopt(client, existing.get(), productType);
        }
        String candidate = search(client, properties);
        String orderId = client.createPhoneNumberOrder(b -> b.productType(productType).e164PhoneNumbers(candidate))
                .phoneNumberOrder().phoneNumberOrderId();
        progress.created(ORDERED + orderId + ":");
        LOG.infof("ordered %s as %s, order %s", candidate, productType, orderId);
        String number = awaitOrder(client, orderId, deadline);
        String physicalId = ORDERED + orderId + ":" + number;
        progress.created(physicalId);
        return numberOutcome(physicalId, number);
    }

    @Override
    public Outcome update(String physicalId, ResourceProperties properties, ResourceProperties old, Progress progress,
            Deadline deadline) {
        Optional<String> number = numberOf(physicalId);
        if (number.isEmpty() || properties.differsFrom(old, CHOICE)) {
            return create(properties, progress, deadline);
        }
        return numberOutcome(physicalId, number.get());
    }

    @Override
    public void delete(String physicalId, ResourceProperties properties, Deadline deadline) {
        if (!physicalId.startsWith(ORDERED)) {
            // Adopted numbers belong to the user; anything else was never created.
            return;
        }
        ChimeSdkVoiceClient client = chime.forRegion(properties.required("AwsRegion"));
        String[] parts = physicalId.substring(ORDERED.length()).split(":", 2);
        String orderId = parts[0];
        List<String> numbers = parts.length > 1 && !parts[1].isEmpty() ? List.of(parts[1]) : acquiredBy(client, orderId);
        for (String number : numbers) {
            try {
                client.deletePhoneNumber(b -> b.phoneNumberId(number));
                LOG.infof("released %s (order %s)", number, orderId);
            } catch (NotFoundException alreadyGone) {
                LOG.infof("%s was already released", number);
            }
        }
    }

    private Outcome adopt(ChimeSdkVoiceClient client, String number, PhoneNumberProductType productType) {
        try {
            var owned = client.getPhoneNumber(b -> b.phoneNumberId(number)).phoneNumber();
            if (owned.productType() != null && owned.productType() != productType) {
                throw new ProvisioningFailed("The existing number " + number + " is a " + owned.productTypeAsString()
                        + " number; this resource needs a " + productType + " number.");
            }
        } catch (NotFoundException e) {
            throw new ProvisioningFailed("The existing number " + number
                    + " is not in this account's Amazon Chime SDK phone number inventory (region "
                    + client.serviceClientConfiguration().region() + ").", e);
        }
        return numberOutcome(EXISTING + number, number);
    }

    private String search(ChimeSdkVoiceClient client, ResourceProperties properties) {
        PhoneNumberType numberType = PhoneNumberType.fromValue(properties.orDefault("NumberType", "Local"));
        if (numberType == PhoneNumberType.UNKNOWN_TO_SDK_VERSION) {
            throw new ProvisioningFailed("NumberType must be Local or TollFree, not " + properties.optional("NumberType").orElse(""));
        }
        String country = properties.orDefault("Country", "US");
        if (properties.optional("City").isPresent() && properties.optional("State").isEmpty()) {
            throw new ProvisioningFailed("A City needs a State to search phone numbers in.");
        }
        boolean unfiltered = Stream.of("AreaCode", "City", "State", "TollFreePrefix")
                .allMatch(name -> properties.optional(name).isEmpty());
        // A US search needs at least one filter, so an open choice tries a few in turn.
        List<Map<String, String>> attempts = !country.equals("US") || !unfiltered
                ? List.of(Map.of())
                : numberType == PhoneNumberType.TOLL_FREE
                        ? US_TOLL_FREE_PREFIXES.stream().map(p -> Map.of("TollFreePrefix", p)).toList()
                        : US_FALLBACK_STATES.stream().map(s -> Map.of("State", s)).toList();
        for (Map<String, String> filter : attempts) {
            List<String> found = client.searchAvailablePhoneNumbers(b -> {
                b.country(country).phoneNumberType(numberType).maxResults(1);
                filtered(properties, filter, "AreaCode").ifPresent(b::areaCode);
                filtered(properties, filter, "State").ifPresent(b::state);
                filtered(properties, filter, "City").ifPresent(b::city);
                filtered(properties, filter, "TollFreePrefix").ifPresent(b::tollFreePrefix);
            }).e164PhoneNumbers();
            if (!found.isEmpty()) {
                return found.getFirst();
            }
        }
        throw new ProvisioningFailed("No " + numberType + " phone number is available for " + describeSearch(properties)
                + ". Try another area code or state, or pass a number you own.");
    }

    private static Optional<String> filtered(ResourceProperties properties, Map<String, String> fallback, String name) {
        return properties.optional(name).or(() -> Optional.ofNullable(fallback.get(name)));
    }

    private String awaitOrder(ChimeSdkVoiceClient client, String orderId, Deadline deadline) {
        while (true) {
            PhoneNumberOrder order = client.getPhoneNumberOrder(b -> b.phoneNumberOrderId(orderId)).phoneNumberOrder();
            PhoneNumberOrderStatus status = order.status();
            if (status == PhoneNumberOrderStatus.SUCCESSFUL) {
                return order.orderedPhoneNumbers().stream()
                        .filter(n -> n.status() == OrderedPhoneNumberStatus.ACQUIRED)
                        .map(OrderedPhoneNumber::e164PhoneNumber)
                        .findFirst()
                        .orElseThrow(() -> new ProvisioningFailed("Phone number order " + orderId
                                + " succeeded but lists no acquired number."));
            }
            if (isFinal(status)) {
                throw new ProvisioningFailed("Phone number order " + orderId + " ended " + order.statusAsString()
                        + describeNumbers(order) + ". Nothing was charged for numbers that were not acquired.");
            }
            Duration left = deadline.remaining();
            if (left.isZero()) {
                throw new ProvisioningFailed("Phone number order " + orderId + " is still " + order.statusAsString()
                        + " and the provisioning function is about to time out. Delete the stack (or let it roll back) "
                        + "and deploy again; the rollback releases the number if the order completes.");
            }
            sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
        }
    }

    private static List<String> acquiredBy(ChimeSdkVoiceClient client, String orderId) {
        try {
            return client.getPhoneNumberOrder(b -> b.phoneNumberOrderId(orderId)).phoneNumberOrder()
                    .orderedPhoneNumbers().stream()
                    .filter(n -> n.status() == OrderedPhoneNumberStatus.ACQUIRED)
                    .map(OrderedPhoneNumber::e164PhoneNumber)
                    .toList();
        } catch (NotFoundException gone) {
            return List.of();
        }
    }

    private static boolean isFinal(PhoneNumberOrderStatus status) {
        return switch (status) {
            case FAILED, PARTIAL, EXCEPTION, CANCELLED, CANCEL_REQUESTED -> true;
            default -> false;
        };
    }

    private static PhoneNumberProductType productType(ResourceProperties properties) {
        String value = properties.required("ProductType");
        PhoneNumberProductType type = PhoneNumberProductType.fromValue(value);
        if (type == PhoneNumberProductType.UNKNOWN_TO_SDK_VERSION) {
            throw new ProvisioningFailed("ProductType must be SipMediaApplicationDialIn or VoiceConnector, not " + value);
        }
        return type;
    }

    /** The number a physical id names, if the number is known. */
    static Optional<String> numberOf(String physicalId) {
        if (physicalId == null) {
            return Optional.empty();
        }
        if (physicalId.startsWith(EXISTING)) {
            return Optional.of(physicalId.substring(EXISTING.length()));
        }
        if (physicalId.startsWith(ORDERED)) {
            String[] parts = physicalId.substring(ORDERED.length()).split(":", 2);
            return parts.length > 1 && !parts[1].isEmpty() ? Optional.of(parts[1]) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Outcome numberOutcome(String physicalId, String number) {
        return new Outcome(physicalId, Map.of("PhoneNumber", number));
    }

    private static String describeSearch(ResourceProperties properties) {
        StringBuilder text = new StringBuilder("country ").append(properties.orDefault("Country", "US"));
        properties.optional("AreaCode").ifPresent(v -> text.append(", area code ").append(v));
        properties.optional("State").ifPresent(v -> text.append(", state ").append(v));
        properties.optional("City").ifPresent(v -> text.append(", city ").append(v));
        properties.optional("TollFreePrefix").ifPresent(v -> text.append(", toll-free prefix ").append(v));
        return text.toString();
    }

    private static String describeNumbers(PhoneNumberOrder order) {
        if (!order.hasOrderedPhoneNumbers() || order.orderedPhoneNumbers().isEmpty()) {
            return "";
        }
        return " (" + String.join(", ", order.orderedPhoneNumbers().stream()
                .map(n -> n.e164PhoneNumber() + " " + n.statusAsString()).toList()) + ")";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningFailed("Interrupted while waiting for a phone number order.", e);
        }
    }
}
