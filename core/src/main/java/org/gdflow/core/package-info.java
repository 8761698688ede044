package org.gdflow.core;
