package shop;

class ThirdOrdersTest extends OrdersTestClass {}
