package com.clicktocall.sma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.ledger.LedgerClients;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Priming's stand-in answers as DynamoDB does, as the real SDK client reads it (its CRC32 check included). */
class LoopbackAwsTest {

    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("call#1"));

    private final LoopbackAws aws = LoopbackAws.start();
    private final DynamoDbClient db = LedgerClients.build("us-east-1", Optional.of(aws.uri()), Duration.ofSeconds(2), 1);

    @AfterEach
    void stop() {
        db.close();
        aws.close();
    }

    @Test
    void acceptsEveryWrite_andAnswersTheGatesReadWithACallerWhoIsThere() {
        db.updateItem(r -> r.tableName("ledger").key(KEY).updateExpression("SET a = :a").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("b"))));

        assertThat(db.getItem(r -> r.tableName("ledger").key(KEY).consistentRead(true)).item()).containsKey("callerJoinedAt");
        assertThat(aws.requests()).isEqualTo(2);
    }

    @Test
    void whileRefusing_refusesConditionalWritesAsDynamoDbDoes_andStillAcceptsUnconditionalOnes() {
        aws.refuseConditionalWrites(true);

        assertThatThrownBy(() -> db.updateItem(r -> r.tableName("ledger").key(KEY).updateExpression("SET a = :a")
                .conditionExpression("attribute_exists(pk)").expressionAttributeValues(Map.of(":a", AttributeValue.fromS("b")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        db.updateItem(r -> r.tableName("ledger").key(KEY).updateExpression("SET a = :a")
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("b"))));

        aws.refuseConditionalWrites(false);
        db.updateItem(r -> r.tableName("ledger").key(KEY).updateExpression("SET a = :a").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("b"))));
    }
}
