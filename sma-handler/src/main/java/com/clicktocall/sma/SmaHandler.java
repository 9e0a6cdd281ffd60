package com.clicktocall.sma;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.clicktocall.model.sma.SmaEvent;
import com.clicktocall.model.sma.SmaResponse;
import jakarta.inject.Named;

@Named("sma")
public class SmaHandler implements RequestHandler<SmaEvent, SmaResponse> {
    @Override
    public SmaResponse handleRequest(SmaEvent event, Context context) {
        return SmaResponse.noActions();
    }
}
